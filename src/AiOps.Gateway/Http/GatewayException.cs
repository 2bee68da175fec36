// Licensed under the MIT License.

using System;

namespace AiOps.Gateway;

/// <summary>Stops request handling with an error the caller sees in OpenAI's shape.</summary>
internal sealed class GatewayException : Exception
{
    public GatewayException(GatewayError error)
        : base(error.Message)
    {
        Error = error;
    }

    public GatewayError Error { get; }
}
