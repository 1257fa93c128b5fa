"""``python -m storyline`` is the ``storyline`` command."""

from storyline.cli.app import main

if __name__ == "__main__":
    main()
