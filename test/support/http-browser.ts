/**
 * Just enough of a browser for redirect-based flows (single sign-on): a cookie jar per host name (as
 * browsers keep it: ports share cookies), redirects followed by hand, forms posted. No JavaScript.
 */
export class HttpBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  cookieHeader(url: URL): string {
    return [...(this.jar.get(url.hostname) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** One request, no redirect followed; Set-Cookie headers go into the jar. */
  async request(url: URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(url), ...init.headers };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const cookies = this.jar.get(url.hostname) ?? new Map<string, string>();
    this.jar.set(url.hostname, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now()));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` (a form post first, when given) until a page answers, or until the
   * next location satisfies `stop` (then that location is returned, not requested).
   */
  async follow(url: URL, stop: (next: URL) => boolean, form?: Record<string, string>): Promise<{ url: URL; response: Response | null }> {
    let current = url;
    let res = await this.request(current, { form });
    for (let hops = 0; hops < 20; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, response: res };
      await res.body?.cancel();
      current = new URL(location, current);
      if (stop(current)) return { url: current, response: null };
      res = await this.request(current);
    }
    throw new Error(`too many redirects from ${url.href}`);
  }
}
