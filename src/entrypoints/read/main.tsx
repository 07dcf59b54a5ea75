import '../../reader/ui/reader.css';
import { openSavedStory } from './open';

void openSavedStory(document.getElementById('app')!);
