/** Removes secrets (passwords, keys, connection strings' password parts) from text bound for a message or a log. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(password\s*[=:]\s*)('(?:[^'\\]|\\.)*'|"[^"]*"|\S+)/gi, '$1***');
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}
