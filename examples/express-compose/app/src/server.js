const express = require('express');

const app = express();
app.use(express.json());

app.post('/orders', (req, res) => {
  res.status(201).json({ accepted: true });
});

const port = process.env.PORT || 8080;
app.listen(port, () => {
  console.log(`orders-api listening on ${port}`);
});
