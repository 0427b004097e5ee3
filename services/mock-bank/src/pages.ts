/** The bank's sandbox pages: plain server-rendered HTML forms, Polish, no scripts. */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Bank Testowy</title>
<style>
body{font-family:system-ui,sans-serif;background:#f2f5f8;margin:0;color:#1b2733}
main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.8rem 0 .3rem}
input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
.primary{background:#0b5cad;color:#fff;border:0;border-radius:.3rem}.error{color:#b00020}
.sandbox{background:#fff4d6;padding:.6rem;border-radius:.3rem;font-size:.9rem}
</style>
</head>
<body><main>
<p class="sandbox">Środowisko testowe (sandbox). Dowolny poprawny PESEL, hasło <code>demo</code>.</p>
${body}
</main></body></html>`;
}

export function loginPage(uid: string, clientName: string, error?: string): string {
  return page(
    'Logowanie',
    `<h1>Bank Testowy — logowanie</h1>
<p>Serwis <strong>${escape(clientName)}</strong> prosi o potwierdzenie Twojej tożsamości.</p>
${error ? `<p class="error" role="alert" data-testid="bank-login-error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="pesel">PESEL</label>
<input id="pesel" name="pesel" inputmode="numeric" maxlength="11" required data-testid="bank-pesel">
<label for="password">Hasło</label>
<input id="password" name="password" type="password" required data-testid="bank-password">
<button class="primary" type="submit" data-testid="bank-login">Zaloguj</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort">
<button type="submit" data-testid="bank-cancel">Anuluj</button>
</form>`,
  );
}

export function consentPage(uid: string, clientName: string, shared: Array<[label: string, value: string]>): string {
  const rows = shared.map(([label, value]) => `<li>${escape(label)}: <strong>${escape(value)}</strong></li>`).join('');
  return page(
    'Zgoda',
    `<h1>Przekazanie danych</h1>
<p>Serwis <strong>${escape(clientName)}</strong> otrzyma od banku następujące dane:</p>
<ul data-testid="bank-shared-data">${rows}</ul>
<form method="post" action="/interaction/${escape(uid)}/confirm">
<button class="primary" type="submit" data-testid="bank-consent">Zgadzam się</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort">
<button type="submit" data-testid="bank-deny">Nie zgadzam się</button>
</form>`,
  );
}
