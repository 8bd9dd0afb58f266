using System.Threading;
using System.Threading.Tasks;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace VtdDsl.LanguageServer.Server;

/// <summary>
/// The connection, with LSP's lifecycle applied to every message before its handler runs
/// (<see cref="LifecycleGate"/>): the one place requests before <c>initialize</c> and after
/// <c>shutdown</c> are refused and notifications then are dropped, so no handler checks it.
/// </summary>
internal sealed class LspJsonRpc : JsonRpc
{
    private readonly LifecycleGate _lifecycle;
    private readonly ServerLog _log;
    private readonly IJsonRpcMessageFactory? _messages;

    public LspJsonRpc(IJsonRpcMessageHandler messageHandler, LifecycleGate lifecycle, ServerLog log)
        : base(messageHandler)
    {
        _lifecycle = lifecycle;
        _log = log;
        _messages = messageHandler.Formatter as IJsonRpcMessageFactory;
    }

    /// <summary>
    /// Runs synchronously up to the handler, in arrival order (StreamJsonRpc calls it from its
    /// read loop), so the gate sees messages in the order the client sent them.
    /// </summary>
    protected override ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        if (_lifecycle.Admit(request.Method ?? string.Empty, request.IsResponseExpected) is not { } refusal)
        {
            return base.DispatchRequestAsync(request, targetMethod, cancellationToken);
        }
        if (!request.IsResponseExpected)
        {
            _log.Write($"dropped the notification {refusal.Message}");
            // StreamJsonRpc sends no response to a notification: this result goes nowhere.
            var nothing = _messages?.CreateResultMessage() ?? new JsonRpcResult();
            return new ValueTask<JsonRpcMessage>(nothing);
        }
        _log.Write($"refused the request {refusal.Message} ({refusal.Code})");
        var error = _messages?.CreateErrorMessage() ?? new JsonRpcError();
        error.RequestId = request.RequestId;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)refusal.Code, Message = refusal.Message };
        return new ValueTask<JsonRpcMessage>(error);
    }
}
