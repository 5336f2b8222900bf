-- setup: normalized.sql

-- One UPDATE touches one row, so there is no second copy to forget.
-- --8<-- [start:one_update]
UPDATE customers SET email = 'ada@new.example' WHERE id = 7;

SELECT o.id AS order_id, l.sku, p.name, l.quantity, c.email
FROM order_lines AS l
JOIN shop_orders AS o ON o.id = l.order_id
JOIN customers AS c ON c.id = o.customer_id
JOIN products AS p ON p.sku = l.sku
ORDER BY o.id, l.sku;
-- #> order_id | sku | name    | quantity | email
-- #> ---------+-----+---------+----------+----------------
-- #> 1        | MUG | Mug     | 2        | ada@new.example
-- #> 1        | TEE | T-shirt | 1        | ada@new.example
-- #> 2        | MUG | Mug     | 1        | ada@new.example
-- --8<-- [end:one_update]
