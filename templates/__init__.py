"""Document kinds as data (one folder per kind: ``schema.json``, ``template.docx``, ``sample.json``),
and the code that loads and renders them. No Qt here."""
