"""The lowest layer: what every other layer shares. Reading only ordinary files of bounded
size, keeping secrets out of tracebacks and core files. Standard library only."""
