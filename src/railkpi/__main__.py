from railkpi.cli import main

main()
