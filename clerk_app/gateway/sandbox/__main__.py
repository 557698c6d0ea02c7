"""python -m clerk_app.gateway.sandbox [--host H] [--port P] [--db URL] [--answer-delay S] [--fail-rate F]"""

import sys

from clerk_app.gateway.sandbox.server import main

sys.exit(main())
