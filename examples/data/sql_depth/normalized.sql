-- After: 3NF. Each fact is stored once, next to the key it depends on.

-- --8<-- [start:normalized]
CREATE TABLE customers (
    id    INTEGER PRIMARY KEY,
    email TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TABLE products (
    sku  TEXT PRIMARY KEY,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE shop_orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id)
) STRICT;

CREATE TABLE order_lines (
    order_id INTEGER NOT NULL REFERENCES shop_orders (id),
    sku      TEXT    NOT NULL REFERENCES products (sku),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
) STRICT;
-- --8<-- [end:normalized]

INSERT INTO customers VALUES (7, 'ada@old.example');
INSERT INTO products VALUES ('MUG', 'Mug'), ('TEE', 'T-shirt');
INSERT INTO shop_orders VALUES (1, 7), (2, 7);
INSERT INTO order_lines VALUES (1, 'MUG', 2), (1, 'TEE', 1), (2, 'MUG', 1);
