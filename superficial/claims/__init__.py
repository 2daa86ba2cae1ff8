"""Claims: the sizes, scores and comparisons an edition states about models, checked against the data.

``sentences`` splits an edition's text into sentences, ``terms`` holds the names claims are found by,
``extract`` finds the claims, ``check`` checks them, ``edition`` does both for one edition, ``report``
writes them for the command line; ``model`` has the dataclasses.
"""
