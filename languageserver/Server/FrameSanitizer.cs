using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace VtdDsl.LanguageServer.Server;

/// <summary>
/// Reads <c>Content-Length</c> frames from the client and passes on only well-formed JSON-RPC
/// messages, so that no malformed input (a bad header, a body that is not JSON, JSON that is
/// not a JSON-RPC message) can end the connection: each bad frame is logged and skipped, and
/// reading resynchronises at the next <c>Content-Length</c> header.
/// </summary>
internal sealed class FrameSanitizer
{
    /// <summary>No LSP message comes close; a larger length is treated as a corrupt header.</summary>
    private const int MaxBodyBytes = 256 * 1024 * 1024;


    private readonly Stream _input;
    private readonly PipeWriter _output;
    private readonly ServerLog _log;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public FrameSanitizer(Stream input, PipeWriter output, ServerLog log)
    {
        _input = input;
        _output = output;
        _log = log;
    }

    /// <summary>Copies well-formed frames until the input ends.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } body)
            {
                if (!IsJsonRpcMessage(body, out string? problem))
                {
                    _log.Write($"skipped a malformed message: {problem}");
                    continue;
                }
                var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
                await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                var flush = await _output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted) break;
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            _log.Write($"input closed: {exception.Message}");
        }
        finally
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Headers end at an empty line; a frame without a valid Content-Length is skipped.
            int headerEnd;
            while ((headerEnd = IndexOf(_buffer, _start, _end, "\r\n\r\n"u8)) < 0)
            {
                if (_end - _start >= _buffer.Length)
                {
                    _log.Write("skipped an over-long header");
                    _start = _end;
                }
                if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
            }
            string headers = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
            _start = headerEnd + 4;
            if (ParseLength(headers) is not { } length)
            {
                _log.Write($"skipped a message with a malformed header: {Shorten(headers)}");
                ResynchroniseInHeaders(headers);
                continue;
            }
            var body = new byte[length];
            int copied = 0;
            while (copied < length)
            {
                if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
                int take = Math.Min(length - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, body, copied, take);
                _start += take;
                copied += take;
            }
            return body;
        }
    }

    /// <summary>Garbage before a real header: if a Content-Length header hides in the skipped block, read its frame.</summary>
    private void ResynchroniseInHeaders(string headers)
    {
        int at = headers.LastIndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        if (at > 0)
        {
            var rest = Encoding.ASCII.GetBytes(headers.Substring(at) + "\r\n\r\n");
            // Put the real header back in front of the unread bytes.
            int unread = _end - _start;
            var merged = new byte[rest.Length + unread];
            Buffer.BlockCopy(rest, 0, merged, 0, rest.Length);
            Buffer.BlockCopy(_buffer, _start, merged, rest.Length, unread);
            if (merged.Length <= _buffer.Length)
            {
                Buffer.BlockCopy(merged, 0, _buffer, 0, merged.Length);
                _start = 0;
                _end = merged.Length;
            }
        }
    }

    private static int? ParseLength(string headers)
    {
        int? length = null;
        foreach (var line in headers.Split(new[] { "\r\n" }, StringSplitOptions.None))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0) return null;
            string name = line.Substring(0, colon).Trim();
            string value = line.Substring(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsed) || parsed > MaxBodyBytes)
                {
                    return null;
                }
                length = parsed;
            }
        }
        return length;
    }

    private static bool IsJsonRpcMessage(byte[] body, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return false;
            }
            bool hasMethod = root.TryGetProperty("method", out var method);
            bool hasId = root.TryGetProperty("id", out var id);
            if (hasMethod && method.ValueKind != JsonValueKind.String)
            {
                problem = "'method' is not a string";
                return false;
            }
            if (hasId && id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
            {
                problem = "'id' is neither a number nor a string";
                return false;
            }
            if (hasId && id.ValueKind == JsonValueKind.Number && !id.TryGetInt64(out _))
            {
                problem = "'id' is not an integer";
                return false;
            }
            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                problem = "'params' is neither an object nor an array";
                return false;
            }
            if (!hasMethod && !(hasId && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))))
            {
                problem = "neither a request, a notification nor a response";
                return false;
            }
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            problem = "not JSON: " + exception.Message;
            return false;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) return true;
        int read = await _input.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), cancellationToken).ConfigureAwait(false);
        if (read == 0) return false;
        _end += read;
        return true;
    }

    private static int IndexOf(byte[] buffer, int start, int end, ReadOnlySpan<byte> value)
    {
        int at = buffer.AsSpan(start, end - start).IndexOf(value);
        return at < 0 ? -1 : start + at;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
