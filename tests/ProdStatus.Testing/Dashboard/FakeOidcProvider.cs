using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProdStatus.Testing.Server;

namespace ProdStatus.Testing.Dashboard;

/// <summary>An OpenID Connect provider on loopback that publishes only its discovery document and an empty key set:
/// enough for a client to send the user to <c>/authorize</c>, which answers 200 with nothing else.</summary>
public sealed class FakeOidcProvider : LoopbackServer
{
    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            string issuer = BaseUri.AbsoluteUri.TrimEnd('/');
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        app.MapGet("/authorize", () => Results.Text("sign in here"));
    }
}
