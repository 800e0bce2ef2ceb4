import sys

from wenshu.cli import main

sys.exit(main())
