// Verifies one webhook delivery with the Standard Webhooks specification's own JavaScript library, as a council's
// case system would: reads {"secret", "headers", "body"} on stdin, prints "valid" or why not, and exits 0 or 1.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const delivery = JSON.parse(readFileSync(0, "utf8"));
try {
  new Webhook(delivery.secret).verify(delivery.body, delivery.headers);
  console.log("valid");
} catch (e) {
  console.log("invalid: " + e.message);
  process.exit(1);
}
