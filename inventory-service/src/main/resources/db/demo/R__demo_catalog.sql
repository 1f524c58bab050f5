-- The demo catalog. Flyway always runs this script, but it inserts rows only where the placeholder demo_catalog is
-- true: the dev and local profiles (locations are fixed at build time, placeholders are read at run time). Existing
-- rows are kept, so stock sold during a demo is not reset by a restart.
INSERT INTO product (id, name, price_cents, stock)
SELECT demo.id, demo.name, demo.price_cents, demo.stock
FROM (VALUES
    ('SKU-1001', 'Espresso beans, 1 kg',          2490, 120),
    ('SKU-1002', 'Filter coffee, 500 g',          1190, 200),
    ('SKU-1003', 'Ceramic pour-over dripper',     2900,  40),
    ('SKU-1004', 'Paper filters, 100 pack',        590, 500),
    ('SKU-1005', 'Burr grinder',                 14900,  15),
    ('SKU-1006', 'Gooseneck kettle',              6900,  25),
    ('SKU-1007', 'Digital scale',                 3490,  60),
    ('SKU-1008', 'Milk frothing jug',             1990,  80),
    ('SKU-1009', 'Travel mug',                    2290, 150),
    ('SKU-1010', 'Descaling tablets',              990, 300),
    ('SKU-1011', 'Cold brew bottle',              2590,  35),
    ('SKU-1012', 'Barista course voucher',        8900,   5)
) AS demo (id, name, price_cents, stock)
WHERE '${demo_catalog}' = 'true'
ON CONFLICT (id) DO NOTHING;
