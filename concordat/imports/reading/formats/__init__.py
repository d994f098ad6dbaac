"""One module per file format; each turns a document into rows of cell texts for the aligner."""
