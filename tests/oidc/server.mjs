// A throwaway OpenID Provider for the tests: the certified `oidc-provider` with its built-in development login
// (any user name; the password is not checked), on 127.0.0.1 and the port given. The accounts' claims are what a
// municipality's IdP would send: `preferred_username` and `email` from the user name typed at the login form.
// Prints "KLAAR <issuer>" once it listens.
import Provider from 'oidc-provider';

const port = Number(process.argv[2] || 0);
const issuer = `http://127.0.0.1:${port}`;
const configuration = {
  clients: [{
    client_id: 'consulent',
    token_endpoint_auth_method: 'none', // a public desktop client: PKCE instead of a secret (RFC 8252)
    application_type: 'native',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'], // a native client's loopback redirect may use any port
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    async claims() {
      return { sub: `sub-${id}`, preferred_username: id, name: id, email: `${id}@gemeente.example` };
    },
  }),
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 3600, Interaction: 600 },
};
const provider = new Provider(issuer, configuration);
provider.proxy = false;
const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`KLAAR ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
