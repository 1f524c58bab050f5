-- A reservation holds stock for one order (order_id is unique: reserving twice for an order is a replay).
--   RESERVED  -> stock taken, waiting for the order to be confirmed
--   CONFIRMED -> the order was saved (order.created delivered): the stock is sold
--   RELEASED  -> given back (order cancelled, or never saved); also a tombstone for an order released before its
--                reservation arrived, so that a late reservation cannot take stock for a dead order
--   EXPIRED   -> not confirmed within its time to live: the stock went back (a late confirmation takes it again if
--                it is still there)
CREATE TABLE reservation (
    id         uuid        PRIMARY KEY,
    order_id   text        NOT NULL UNIQUE CHECK (length(order_id) BETWEEN 1 AND 64),
    status     text        NOT NULL CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reservation_pending_expiry_idx ON reservation (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_item (
    reservation_id   uuid    NOT NULL REFERENCES reservation (id),
    product_id       text    COLLATE "C" NOT NULL REFERENCES product (id),
    quantity         integer NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (reservation_id, product_id)
);
