namespace ProdStatus.Engine.Http;

/// <summary>
/// Innermost step of an attempt: reads the whole body under the attempt's token (<see cref="BodyReading.Buffered"/>),
/// or wraps it so that every read must deliver within the attempt timeout (<see cref="BodyReading.Streamed"/>).
/// </summary>
internal sealed class BodyDeadlineHandler(BodyReading mode, TimeSpan readTimeout, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            if (mode == BodyReading.Buffered)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new StreamContent(new ReadTimeoutStream(stream, readTimeout, time));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = content;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

/// <summary>A read-only stream whose every read fails with an <see cref="IOException"/> after <c>timeout</c> without data.</summary>
internal sealed class ReadTimeoutStream(Stream inner, TimeSpan timeout, TimeProvider time) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // ConfigureAwait(false): the synchronous Read below blocks its caller's thread, which must not be needed to finish.
            return await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no data for {timeout.TotalSeconds:0} s while reading the answer", ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
