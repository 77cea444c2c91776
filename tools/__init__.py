"""Developer tools that drive a running dashboard: Chromium helpers (`browser`), a Bokeh websocket
client (`wsclient`), the multi-session load check (`loadcheck`) and the README screenshots
(`screenshots`). They need the `bench` extra (Playwright, tornado) and are not imported by Napkin."""
