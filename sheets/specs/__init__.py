"""Reference spec sheets: accelerators, the seed's tables, constants and model constants."""
