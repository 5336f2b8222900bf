-- Before: one wide table, the way a spreadsheet export looks. Its key is
-- (order_id, sku), and every column holds one value, so it is in 1NF.
-- It breaks 2NF: product_name depends on sku alone, and customer_id and
-- customer_email on order_id alone, each only part of the key. Split those
-- out and 3NF still fails: customer_email depends on customer_id, which is
-- not a key of the orders table.

-- --8<-- [start:flat]
CREATE TABLE order_lines_flat (
    order_id       INTEGER NOT NULL,
    sku            TEXT    NOT NULL,
    quantity       INTEGER NOT NULL,
    product_name   TEXT    NOT NULL,
    customer_id    INTEGER NOT NULL,
    customer_email TEXT    NOT NULL,
    PRIMARY KEY (order_id, sku)
) STRICT;

INSERT INTO order_lines_flat VALUES
    (1, 'MUG', 2, 'Mug',      7, 'ada@old.example'),
    (1, 'TEE', 1, 'T-shirt',  7, 'ada@old.example'),
    (2, 'MUG', 1, 'Mug',      7, 'ada@old.example');
-- --8<-- [end:flat]
