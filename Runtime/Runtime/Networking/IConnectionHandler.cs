namespace FlashSale.Runtime.Networking;

/// <summary>What a <see cref="Connection"/> reports to its owner. Called on the connection's own loops; never under a lock.</summary>
internal interface IConnectionHandler
{
    /// <summary>Checks the peer's hello; returns null to accept it, else why it is refused (the connection closes).</summary>
    string? ValidateHello(Connection connection, HelloMessage hello);

    /// <summary>The handshake completed; frames flow from now on.</summary>
    void OnOpened(Connection connection);

    /// <summary>
    /// A frame arrived (the body, length prefix removed). Runs on the reader loop, so it must not block; an
    /// exception means the frame is malformed and closes the connection.
    /// </summary>
    void OnFrame(Connection connection, ReadOnlySpan<byte> body);

    /// <summary>The connection closed (or never opened); called once, after it stopped accepting frames.</summary>
    void OnClosed(Connection connection, Exception reason);
}
