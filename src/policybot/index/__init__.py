"""The searchable build: embeddings, the vector store (the only chromadb importer), BM25, the build itself, and hybrid
retrieval."""
