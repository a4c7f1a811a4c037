using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProdStatus.Engine.Errors;

namespace ProdStatus.Engine.Publish.Slack;

/// <summary>
/// Typed client of the Slack Web API methods the bot uses. Slack reports application errors as HTTP 200 with
/// <c>ok:false</c>; those become <see cref="SlackApiException"/>. Posting is not idempotent, so the pipeline retries
/// only 429 (honouring Retry-After) and connections never made.
/// </summary>
/// <remarks>Methods: https://docs.slack.dev/reference/methods/chat.postMessage, files.getUploadURLExternal, files.completeUploadExternal.</remarks>
public sealed class SlackWebClient(HttpClient http)
{
    /// <summary><c>chat.postMessage</c>: returns the message <c>ts</c>.</summary>
    public async Task<string> PostMessageAsync(string channel, JsonObject message, CancellationToken cancellationToken = default)
    {
        var body = message.DeepClone().AsObject();
        body["channel"] = channel;
        var result = await CallAsync("chat.postMessage", JsonContent.Create(body), cancellationToken);
        return result.TryGetProperty("ts", out var ts) ? ts.GetString() ?? "" : "";
    }

    /// <summary>
    /// Shares a file in a channel the current way (<c>files.upload</c> is retired): ask for an upload URL, send the
    /// bytes, complete the upload with the channel id. Returns the file id.
    /// </summary>
    public async Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string title, string? comment,
        CancellationToken cancellationToken = default)
    {
        using var ask = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["filename"] = fileName,
            ["length"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var target = await CallAsync("files.getUploadURLExternal", ask, cancellationToken);
        string uploadUrl = target.GetProperty("upload_url").GetString()!;
        string fileId = target.GetProperty("file_id").GetString()!;

        using (var bytes = new ByteArrayContent(content.ToArray()))
        {
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var upload = await http.PostAsync(new Uri(uploadUrl), bytes, cancellationToken);
            if (!upload.IsSuccessStatusCode)
            {
                throw new UpstreamException("Slack", $"upload of {fileName} failed with HTTP {(int)upload.StatusCode}");
            }
        }

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }),
            ["channel_id"] = channel,
        };
        if (comment is not null)
        {
            complete["initial_comment"] = comment;
        }
        await CallAsync("files.completeUploadExternal", JsonContent.Create(complete), cancellationToken);
        return fileId;
    }

    private async Task<JsonElement> CallAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(method, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamException("Slack", $"{method} failed with HTTP {(int)response.StatusCode}");
        }
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = document.RootElement.Clone();
        if (!root.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            string error = root.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown" : "unknown";
            throw new SlackApiException(method, error);
        }
        return root;
    }
}

/// <summary>Slack answered <c>ok:false</c>; <see cref="ErrorCode"/> is Slack's code (<c>channel_not_found</c>, …).</summary>
public sealed class SlackApiException(string method, string errorCode) : ProdStatException($"Slack: {method} failed: {errorCode}")
{
    public string ErrorCode { get; } = errorCode;

    public override int ExitCode => ExitCodes.Upstream;
}
