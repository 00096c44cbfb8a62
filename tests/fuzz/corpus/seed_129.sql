-- leading comment
SELECT /* inline */ user_id FROM users -- trailing
WHERE user_id = 4