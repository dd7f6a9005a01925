/** Logins of the demo installation; accounts are created by the accounts module when present. */
export function demoLogins(
  _url: string,
): Promise<{ username: string; role: string; organization: string; password: string }[]> {
  return Promise.resolve([]);
}
