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
/// <remarks>Methods: https://docs.slack.dev/reference/methods/chat.postMessage, chat.update, chat.getPermalink, chat.unfurl,
/// views.publish, files.getUploadURLExternal, files.completeUploadExternal.</remarks>
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

    /// <summary><c>chat.update</c> of a message the bot posted (<c>message_not_found</c> when it was deleted).</summary>
    public async Task UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        var body = message.DeepClone().AsObject();
        body["channel"] = channel;
        body["ts"] = ts;
        await CallAsync("chat.update", JsonContent.Create(body), cancellationToken);
    }

    /// <summary><c>chat.getPermalink</c>: a link to one message.</summary>
    public async Task<string> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["channel"] = channel, ["message_ts"] = ts });
        var result = await CallAsync("chat.getPermalink", form, cancellationToken);
        return result.GetProperty("permalink").GetString() ?? "";
    }

    /// <summary>
    /// <c>chat.unfurl</c>: link previews for a shared message, <paramref name="unfurls"/> keyed by the exact URL.
    /// <paramref name="target"/> names the message: <c>channel</c> + <c>ts</c>, or <c>unfurl_id</c> + <c>source</c>.
    /// </summary>
    public async Task UnfurlAsync(JsonObject target, JsonObject unfurls, CancellationToken cancellationToken = default)
    {
        var body = target.DeepClone().AsObject();
        body["unfurls"] = unfurls.DeepClone();
        await CallAsync("chat.unfurl", JsonContent.Create(body), cancellationToken);
    }

    /// <summary><c>views.publish</c>: the user's Home tab.</summary>
    public async Task PublishViewAsync(string userId, JsonObject view, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() };
        await CallAsync("views.publish", JsonContent.Create(body), cancellationToken);
    }

    /// <summary>
    /// Shares a file in a channel the current way (<c>files.upload</c> is retired): ask for an upload URL, send the
    /// bytes, complete the upload with the channel id. Returns the file id.
    /// </summary>
    /// <param name="threadTs">Parent message <c>ts</c>: the file is shared in that thread.</param>
    public async Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string title, string? comment,
        string? threadTs = null, CancellationToken cancellationToken = default)
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
        if (threadTs is not null)
        {
            complete["thread_ts"] = threadTs;
        }
        await CallAsync("files.completeUploadExternal", JsonContent.Create(complete), cancellationToken);
        return fileId;
    }

    private async Task<JsonElement> CallAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(method, content, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            // Still limited after the pipeline's Retry-After waits: known not done, like Slack's own "ratelimited".
            throw new SlackApiException(method, "ratelimited");
        }
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
