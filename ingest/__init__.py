"""Turn files and web pages into parsed documents, chunks and knowledge-base writes."""
