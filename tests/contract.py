"""The search result fields issue 2 promises to the API and to `kb search --json` alike."""

RESULT_FIELDS = {
    "rank",
    "score",
    "doc_id",
    "chunk_id",
    "title",
    "source",
    "page_start",
    "page_end",
    "text",
    "snippet",
}
