using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

/// <summary>What the connections of one message center or client connector share.</summary>
/// <param name="Options">Frame size limit and timeouts.</param>
/// <param name="Time">The clock for connect, handshake and flush timeouts.</param>
/// <param name="Pool">Where outgoing frame buffers come from and go back to.</param>
/// <param name="Counters">Connection and frame counters.</param>
/// <param name="Logger">The transport's logger.</param>
internal sealed record ConnectionContext(NetworkingOptions Options, TimeProvider Time, FrameBufferPool Pool, NetworkingCounters Counters, ILogger Logger);
