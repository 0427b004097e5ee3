import type { Mail } from '../mail/mailer';

/** The reset e-mail, Polish first then English, plain text: the link and how long it works. */
export function resetMail(to: string, link: string, validMinutes: number): Mail {
  return {
    to,
    subject: 'Pacjent: zmiana hasła / password reset',
    text: [
      'Dzień dobry,',
      '',
      'otrzymaliśmy prośbę o ustawienie nowego hasła do Twojego konta w portalu Pacjent.',
      `Aby ustawić nowe hasło, otwórz ten link (działa ${validMinutes} minut i tylko raz):`,
      '',
      link,
      '',
      'Jeśli to nie Ty prosisz o zmianę hasła, zignoruj tę wiadomość — Twoje hasło się nie zmieni.',
      'Po ustawieniu nowego hasła wylogujemy Cię na wszystkich urządzeniach.',
      '',
      '---',
      `To set a new password for your Pacjent account, open the link above (it works once, for ${validMinutes} minutes).`,
      'If you did not ask for it, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  };
}
