-- A document's page lists the documents correcting it (Đính chính): found by corrects_id.
CREATE INDEX documents_corrects ON documents (corrects_id);
