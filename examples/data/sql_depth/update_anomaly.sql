-- setup: unnormalized.sql
-- Ada changes her email. The application updates the row it had loaded
-- (order 2) and forgets the others: the same fact now has two values.

-- --8<-- [start:anomaly]
UPDATE order_lines_flat SET customer_email = 'ada@new.example'
WHERE order_id = 2;

SELECT customer_id, COUNT(DISTINCT customer_email) AS emails_on_file
FROM order_lines_flat
GROUP BY customer_id;
-- #> customer_id | emails_on_file
-- #> ------------+---------------
-- #> 7           | 2
-- --8<-- [end:anomaly]

-- The delete anomaly: order 1 is cancelled, and it was the only order with a
-- T-shirt, so the product's name leaves with it.
-- --8<-- [start:delete_anomaly]
DELETE FROM order_lines_flat WHERE order_id = 1;

SELECT COUNT(*) AS rows_naming_the_tee
FROM order_lines_flat
WHERE sku = 'TEE';
-- #> rows_naming_the_tee
-- #> -------------------
-- #> 0
-- --8<-- [end:delete_anomaly]
