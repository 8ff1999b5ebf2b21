/**
 * `npm run demo-totp`: the demo authenticator secret of the seeded secretariat and org admin, as a
 * QR code to scan and as text, and the code it gives right now (for trying the demo without a phone).
 * The secret is public like the demo password; production never seeds it.
 */
import { generate } from 'otplib';
import QRCode from 'qrcode';
import { otpauthUri } from '@server/auth/mfa/totp';
import { DEMO_TOTP_SECRET } from '@server/seed/seed';

const uri = otpauthUri(DEMO_TOTP_SECRET, 'demo accounts (secretariat@, dev-admin@demo.example)');
console.log(await QRCode.toString(uri, { type: 'terminal', small: true }));
console.log(`set-up key: ${DEMO_TOTP_SECRET}  (time-based, SHA-1, 6 digits, 30 s)`);
console.log(`otpauth URI: ${uri}`);
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`current code: ${await generate({ secret: DEMO_TOTP_SECRET })}  (the next one in ${secondsLeft} s)`);
