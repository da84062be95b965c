-- The Giấy công nhận issued to an object of a round (Circular 124/2021/TT-BCA, art. 10):
-- the link from the object to the issued document, so the unit finds its own certificate
-- without a search by name. An object may hold more than one (a certificate issued again
-- after a correction); the link goes with the object.

CREATE TABLE inspection_certificates (
    round_id    INTEGER NOT NULL,
    object_id   TEXT    NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (round_id, object_id, document_id),
    FOREIGN KEY (round_id, object_id) REFERENCES inspection_objects (round_id, id) ON DELETE CASCADE
);
