"""From a file to a cleaned document with metadata, and from a document to passages: loaders, cleaning, chunking,
instruction flags."""
