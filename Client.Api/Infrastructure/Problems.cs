using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>RFC 7807 problem answers with stable titles.</summary>
public static class Problems
{
    /// <summary>425 Too Early (RFC 8470): the sale has not started.</summary>
    public const int TooEarly = 425;

    /// <summary>A problem with a status, a title and a detail.</summary>
    public static ProblemHttpResult Of(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>400 with the validation errors per field.</summary>
    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "The request is invalid.");
}
