/**
 * Maps the model's `knd-node:`/`knd-pod:` strings to vscode.Uri and back. VS Code normalises URIs
 * (a context name like `arn:…:cluster/prod` loses its %2F), so decorations are looked up by the
 * canonical string of the Uri we handed out, not by re-parsing it.
 */
import * as vscode from 'vscode';

export class ResourceUris {
  private readonly byModel = new Map<string, vscode.Uri>();
  private readonly byCanonical = new Map<string, string>();

  toUri(modelUri: string): vscode.Uri {
    let uri = this.byModel.get(modelUri);
    if (!uri) {
      uri = vscode.Uri.parse(modelUri, true);
      this.byModel.set(modelUri, uri);
      this.byCanonical.set(uri.toString(), modelUri);
    }
    return uri;
  }

  toModel(uri: vscode.Uri): string | undefined {
    return this.byCanonical.get(uri.toString());
  }

  clear(): void {
    this.byModel.clear();
    this.byCanonical.clear();
  }
}
