using System.IO.Pipelines;
using System.Net.Http.Headers;

namespace ProdStatus.Samples;

/// <summary>Serves a <see cref="PandaMonitorSimulator"/> in process (the demo's recording pass, unit tests); bodies stream through a pipe.</summary>
public sealed class SimulatorHandler(PandaMonitorSimulator simulator) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        bool acceptsJson = request.Headers.Accept.Any(a => a.MediaType is "application/json" or "text/json");
        var answer = simulator.Handle(uri.AbsolutePath, PandaMonitorSimulator.ParseQuery(uri.Query), acceptsJson);
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            try
            {
                await answer.WriteAsync(pipe.Writer.AsStream(leaveOpen: true), cancellationToken);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex);
            }
        }, cancellationToken);
        var response = new HttpResponseMessage(answer.Status)
        {
            RequestMessage = request,
            Content = new StreamContent(pipe.Reader.AsStream()),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(answer.ContentType);
        if (answer.Location is not null)
        {
            response.Headers.Location = new Uri(answer.Location, UriKind.Relative);
        }
        return Task.FromResult(response);
    }
}
