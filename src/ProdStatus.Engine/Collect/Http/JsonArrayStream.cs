using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProdStatus.Engine.Collect.Http;

/// <summary>
/// Streams the elements of a JSON array — the root array, or the array under one property of the root object —
/// holding one element (plus one read buffer) in memory at a time. A million-job answer is never materialised.
/// </summary>
public static class JsonArrayStream
{
    private const int InitialBuffer = 64 * 1024;

    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream,
        string? property,
        JsonTypeInfo<T> typeInfo,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[InitialBuffer];
        int filled = 0;
        bool final = false;
        var cursor = new Cursor(property);
        var batch = new List<T>();
        while (true)
        {
            if (!final)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                final = read == 0;
            }
            int consumed = cursor.Parse(buffer.AsSpan(0, filled), final, typeInfo, batch);
            foreach (var item in batch)
            {
                yield return item;
            }
            batch.Clear();
            if (cursor.Done)
            {
                yield break;
            }
            if (final)
            {
                throw new JsonException(consumed == filled
                    ? "the JSON document ended before the array was complete"
                    : "the JSON document is truncated");
            }
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }
    }

    private sealed class Cursor(string? property)
    {
        private JsonReaderState _state;
        private Phase _phase = Phase.Start;

        public bool Done => _phase == Phase.Done;

        /// <summary>Parses what the buffer holds completely; returns the bytes consumed.</summary>
        public int Parse<T>(ReadOnlySpan<byte> data, bool final, JsonTypeInfo<T> typeInfo, List<T> output)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (true)
            {
                var checkpoint = reader.CurrentState;
                long checkpointBytes = reader.BytesConsumed;
                if (!reader.Read())
                {
                    return Save(ref reader);
                }
                switch (_phase)
                {
                    case Phase.Start when property is null:
                        Expect(reader.TokenType == JsonTokenType.StartArray, "expected a JSON array");
                        _phase = Phase.InArray;
                        break;
                    case Phase.Start:
                        Expect(reader.TokenType == JsonTokenType.StartObject, "expected a JSON object");
                        _phase = Phase.InObject;
                        break;
                    case Phase.InObject when reader.TokenType == JsonTokenType.EndObject:
                        _phase = Phase.Done; // the property is absent: an empty result
                        return Save(ref reader);
                    case Phase.InObject when reader.ValueTextEquals(property):
                        _phase = Phase.ExpectArray;
                        break;
                    case Phase.InObject:
                        // Another property: skip its value whole, or come back with more data.
                        var probe = reader;
                        if (!probe.Read() || !probe.TrySkip())
                        {
                            return Rewind(checkpoint, checkpointBytes);
                        }
                        reader = probe;
                        break;
                    case Phase.ExpectArray:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            _phase = Phase.Done;
                            return Save(ref reader);
                        }
                        Expect(reader.TokenType == JsonTokenType.StartArray, $"expected an array under '{property}'");
                        _phase = Phase.InArray;
                        break;
                    case Phase.InArray when reader.TokenType == JsonTokenType.EndArray:
                        _phase = Phase.Done;
                        return Save(ref reader);
                    case Phase.InArray:
                        var copy = reader;
                        if (!copy.TrySkip())
                        {
                            return Rewind(checkpoint, checkpointBytes);
                        }
                        output.Add(JsonSerializer.Deserialize(ref reader, typeInfo)!);
                        break;
                    default:
                        throw new JsonException("unexpected JSON token");
                }
            }
        }

        private int Save(ref Utf8JsonReader reader)
        {
            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private int Rewind(JsonReaderState state, long bytes)
        {
            _state = state;
            return (int)bytes;
        }

        private static void Expect(bool condition, string message)
        {
            if (!condition)
            {
                throw new JsonException(message);
            }
        }
    }

    private enum Phase
    {
        Start,
        InObject,
        ExpectArray,
        InArray,
        Done,
    }
}
