-- Before: one wide table, the way a spreadsheet export looks.
-- It breaks 1NF (items holds a list), 2NF (product_name depends on only
-- part of the key (order_id, sku)) and 3NF (customer_email depends on
-- customer_id, which is not the key).

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
