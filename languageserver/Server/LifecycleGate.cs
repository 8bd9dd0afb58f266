namespace VtdDsl.LanguageServer.Server;

/// <summary>
/// LSP's lifecycle rules for every incoming message, decided in arrival order: before
/// <c>initialize</c> a request is refused with ServerNotInitialized and a notification is
/// dropped; after <c>shutdown</c> a request is refused with InvalidRequest and a notification
/// is dropped. <c>exit</c> always passes (it ends the process with 0 after shutdown, 1 without).
/// </summary>
internal sealed class LifecycleGate
{
    /// <summary>LSP's ServerNotInitialized: a request before <c>initialize</c>.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>JSON-RPC's InvalidRequest, which LSP prescribes for a request after <c>shutdown</c>.</summary>
    public const int InvalidRequest = -32600;

    private readonly object _gate = new();
    private Phase _phase = Phase.WaitingForInitialize;

    private enum Phase
    {
        WaitingForInitialize,
        Running,
        ShutDown,
    }

    /// <summary>
    /// Null when the message may be handled; otherwise why not (a request is answered with
    /// the refusal, a notification is dropped). Moves to the next phase when
    /// <c>initialize</c> or <c>shutdown</c> is admitted, so a message that arrives after them
    /// is judged by the new phase even before their handlers ran.
    /// </summary>
    public Refusal? Admit(string method, bool isRequest)
    {
        if (method == "exit") return null;
        lock (_gate)
        {
            switch (_phase)
            {
                case Phase.WaitingForInitialize when method == "initialize" && isRequest:
                    _phase = Phase.Running;
                    return null;
                case Phase.WaitingForInitialize:
                    return new Refusal(ServerNotInitialized, $"'{method}' before 'initialize'");
                case Phase.Running when method == "shutdown" && isRequest:
                    _phase = Phase.ShutDown;
                    return null;
                case Phase.Running:
                    return null;
                default:
                    return new Refusal(InvalidRequest, $"'{method}' after 'shutdown'");
            }
        }
    }
}

/// <summary>Why a message is not handled: the error code and message a request is answered with.</summary>
internal sealed record Refusal(int Code, string Message);
