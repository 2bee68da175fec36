// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.Simulator;

/// <summary>A request the simulator received, as served at <c>GET /__requests</c>.</summary>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt);
