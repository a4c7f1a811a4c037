using ProdStatus.Engine;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProdStatusEngine(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok")));
app.Run();

internal sealed record HealthResponse(string Status);

public partial class Program;
