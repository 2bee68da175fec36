// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps.Gateway;

/// <summary>Source-generated JSON for the batch job's stored state and queue messages.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(BatchJobStatus))]
[JsonSerializable(typeof(BatchChunkMessage))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
