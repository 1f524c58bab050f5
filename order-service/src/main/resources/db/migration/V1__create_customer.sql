CREATE TABLE customer (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email      text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One customer per e-mail address, whatever its case.
CREATE UNIQUE INDEX customer_email_key ON customer (lower(email));
