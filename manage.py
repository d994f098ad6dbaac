#!/usr/bin/env python
from concordat.cli import main

if __name__ == "__main__":
    main()
