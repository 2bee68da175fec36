// Licensed under the MIT License.

namespace AiOps.Simulator;

/// <summary>An error to answer with. <see cref="Kind"/> is provider-neutral; each dialect writes its own body for it.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Kind"><c>invalid</c>, <c>auth</c>, <c>permission</c>, <c>not_found</c>, <c>timeout</c>, <c>conflict</c>, <c>too_large</c>,
/// <c>rate_limit</c>, <c>quota</c>, <c>server</c>, <c>overloaded</c>, <c>context_length</c>, <c>content_filter</c>.</param>
/// <param name="Message">The message.</param>
public sealed record SimError(int Status, string Kind, string Message)
{
    /// <summary>The error a bare status code means.</summary>
    public static SimError ForStatus(int status) => status switch
    {
        400 => new(400, "invalid", "Invalid value for 'temperature': must be between 0 and 2."),
        401 => new(401, "auth", "Incorrect API key provided."),
        403 => new(403, "permission", "You are not allowed to use this model."),
        404 => new(404, "not_found", "The model `sim-missing` does not exist or you do not have access to it."),
        408 => new(408, "timeout", "Request timed out."),
        409 => new(409, "conflict", "The request conflicted with another request."),
        413 => new(413, "too_large", "Request entity too large."),
        422 => new(422, "invalid", "Unprocessable entity."),
        429 => new(429, "rate_limit", "Rate limit reached for requests."),
        529 => new(529, "overloaded", "Overloaded"),
        503 => new(503, "server", "The server is temporarily unavailable."),
        _ => new(status, "server", "The server had an error while processing your request."),
    };
}
