from napkin.cli import main

raise SystemExit(main())
