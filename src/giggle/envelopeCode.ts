/**
 * What an envelope's `code` and text mean, call by call. Giggle's own scripts
 * disagree (giggle-official/skills):
 * - generation_api.py (lines 169, 182) accepts only the number 200;
 * - trustee_api.py turns an all-digit string into a number and reads any
 *   other string as 0, i.e. success (lines 61–63 and every call after), except
 *   create_and_submit, which reads it as -1, a failure (line 121).
 * Our reading (README, "How the extension reads Giggle's replies"):
 * - 200 and 0, as a number or a numeric string, are success; other numbers fail;
 * - a non-numeric string is neither. For a query (a GET, which changes
 *   nothing) the data decides, as in trustee_api.py: a reply whose `data`
 *   is a valid snapshot is used. For a call that may have taken effect
 *   (submit, create, pay, retry, upload steps) it is "outcome unknown": the
 *   job asks Giggle for the state instead of claiming success (and perhaps
 *   skipping a payment Giggle still waits for) or failure (and inviting a
 *   second submission or payment).
 */
export type CodeReading = 'success' | 'failure' | 'unrecognised';

export function readCode(code: number | string): CodeReading {
  const text = typeof code === 'number' ? String(code) : code.trim();
  if (!/^-?\d+$/.test(text)) return 'unrecognised';
  const n = Number(text);
  return n === 200 || n === 0 ? 'success' : 'failure';
}

/**
 * An envelope that refuses the key, whatever the HTTP status: code 401/403,
 * or text saying the key (token) is invalid, in English or Chinese. A
 * service may answer a bad key with HTTP 200 and its own code; Giggle's
 * scripts never look at the status of such a reply, so neither can we.
 */
export function refusesKey(code: number | string, text: string): boolean {
  const n = typeof code === 'number' ? code : Number(code.trim());
  if (n === 401 || n === 403) return true;
  return KEY_REFUSED.some((pattern) => pattern.test(text));
}

const KEY_REFUSED = [
  /\b(invalid|incorrect|wrong|expired|unknown|bad|missing)\b[\s\w-]{0,12}\b(api[\s_-]?key|x-auth|token|credentials?)\b/i,
  /\b(api[\s_-]?key|x-auth|token)\b[\s\w-]{0,12}\b(invalid|incorrect|wrong|expired|not valid|not recogni[sz]ed)\b/i,
  /\bunauthori[sz]ed\b|\bauthenticat(e|ion) failed\b/i,
  /(api\s*key|密钥|秘钥|令牌|token)\s*(无效|错误|已过期|过期|不存在)|未授权|鉴权失败|认证失败/i,
];
